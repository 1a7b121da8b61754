"""``streamlit run`` for the browser tests, with every thread's stack written to stderr on
SIGUSR1: when a browser test fails, the test run asks the server what it was doing."""

import faulthandler
import signal
import sys

from streamlit.web import cli

if __name__ == "__main__":
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    sys.exit(cli.main(prog_name="streamlit"))
