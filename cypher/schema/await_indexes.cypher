// name: schema/await_indexes
// Wait until every index is online, so that the first queries can use them.
// params: seconds (int = 300: how long to wait at most)
// returns: nothing
CALL db.awaitIndexes($seconds)
