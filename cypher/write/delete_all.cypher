// name: write/delete_all
// Empty the database (tests and benchmarks), in batches of transactions so that big graphs fit in memory.
// params: none
// returns: nothing
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
