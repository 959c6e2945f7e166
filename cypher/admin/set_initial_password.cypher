// name: admin/set_initial_password
// Replace the initial password of a fresh server (run on the system database, as the user whose password expired).
// params: old (str: the initial password), new (str: the password to set)
// returns: nothing
ALTER CURRENT USER
SET PASSWORD FROM $old TO $new
