// name: subgraph_relationships
// Which relationships of the given types does the graph hold, with their provenance and the title, date and outlet of their article: what kg.analysis reads.
// params: types (list = ["PART_OF", "IMPLEMENTS", "ACHIEVED", "RECEIVED", "HOLDS_POSITION", "PARTICIPATED_IN", "ISSUED", "BASED_ON", "PUBLISHED_IN", "ORIGINATED_AT", "PROMOTED", "LOCATED_IN"]: relationship types)
// returns: type, start, end, properties, article, published_at, source
// example: {"types": ["IMPLEMENTS", "ACHIEVED"]}
MATCH (s)-[r]->(e)
WHERE type(r) IN $types
OPTIONAL MATCH (a:Article {id: r.article_id})
RETURN type(r) AS type,
       s.id AS start,
       e.id AS end,
       properties(r) AS properties,
       a.title AS article,
       a.published_at AS published_at,
       a.source AS source
ORDER BY type, start, end, r.article_id, coalesce(r.title, '')
