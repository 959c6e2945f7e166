// name: initiatives_in_place
// Which initiatives does a place carry out, itself or through the places inside it (any depth of PART_OF)?
// params: place (str: name, alias or id of a Place)
// returns: place, level, initiative, kind, articles
// example: {"place": "温岭"}
MATCH (root:Place)
WHERE $place IN [root.id, root.name] + coalesce(root.aliases, [])
MATCH (p:Place)-[:PART_OF*0..10]->(root)
WITH DISTINCT p
MATCH (p)-[r:IMPLEMENTS]->(i:Initiative)
RETURN p.name AS place,
       p.level AS level,
       i.name AS initiative,
       i.kind AS kind,
       count(DISTINCT r.article_id) AS articles
ORDER BY initiative, place, level, kind
