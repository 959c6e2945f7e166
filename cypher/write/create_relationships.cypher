// name: write/create_relationships
// Store the relationships of one type that the articles being written state, with their provenance (run for every type). The same transaction first removed every earlier relationship of these articles, so each Relation.key is new here.
// params: rows (list: {s, e, props} with s and e the element ids of the endpoints)
// returns: created
UNWIND $rows AS row
MATCH (s)
WHERE elementId(s) = row.s
MATCH (e)
WHERE elementId(e) = row.e
CREATE (s)-[r:{{type}}]->(e)
SET r = row.props
RETURN count(r) AS created
