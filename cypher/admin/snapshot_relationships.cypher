// name: admin/snapshot_relationships
// Every relationship with its endpoints' ids and all its properties (to compare two stores or two loads).
// params: none
// returns: type, start, end, properties
MATCH (s)-[r]->(e)
RETURN type(r) AS type,
       s.id AS start,
       e.id AS end,
       properties(r) AS properties
ORDER BY type, start, end, r.article_id, r.title
