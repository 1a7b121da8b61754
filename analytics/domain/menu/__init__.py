"""The poverty-solving menu (เมนูแก้จน): programmes, structured eligibility, matching, plans."""
