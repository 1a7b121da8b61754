"""A fast, seeded subset of the importer fuzz run (the full run: python -m benchmarks.fuzz_importers).

Generated inputs: valid exports mutated (byte flips, line ends, encodings, huge fields, Unicode
digits, Excel damage, shifted rows, damaged workbooks) and random bytes. Zero crashes (any
exception other than ImportFileError) and zero full citizen IDs in any report.
"""

from benchmarks import fuzz_importers


def test_fuzzed_inputs_never_crash_either_importer_or_show_a_full_id():
    report = fuzz_importers.fuzz(inputs=400, seed=8)
    for name, row in report.items():
        assert row["crashes"] == 0, name
        assert row["leaks"] == 0, name
        assert row["refused"] < row["inputs"] * 0.6, name  # most inputs reach the row checks
