"""What both admins show of the employees table, so that Flask-Admin and SQLAdmin differ only
in how each framework's admin is wired, not in what it lists."""

# The columns of the list page, in order.
LIST_COLUMNS = ("id", "name", "email", "department", "title", "salary", "hired_on")
# The columns the search box looks in.
SEARCHABLE_COLUMNS = ("name", "email")
# Set by the database, never typed into a form.
FORM_EXCLUDED_COLUMNS = ("created_at", "updated_at")
# The body of the 401 that asks for the admin's credentials.
CREDENTIALS_REQUIRED = "Admin credentials required.\n"
