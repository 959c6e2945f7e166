// name: initiatives_ranked
// Which initiatives have spread the most: ranked by the number of places implementing them.
// params: limit (int = 20: how many initiatives)
// returns: initiative, kind, places, articles
// example: {"limit": 10}
MATCH (p:Place)-[r:IMPLEMENTS]->(i:Initiative)
RETURN i.name AS initiative,
       i.kind AS kind,
       count(DISTINCT p) AS places,
       count(DISTINCT r.article_id) AS articles
ORDER BY places DESC, articles DESC, initiative, kind
LIMIT $limit
