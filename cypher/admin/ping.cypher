// name: admin/ping
// Is the server up and the database online? (readiness check)
// params: none
// returns: ok
RETURN 1 AS ok
