// name: place_hierarchy
// Which places lie inside a place, and how deep: its administrative tree as known from the articles.
// params: place (str: name, alias or id of a Place)
// returns: place, level, parent, depth
// example: {"place": "温岭市"}
MATCH (root:Place)
WHERE $place IN [root.id, root.name] + coalesce(root.aliases, [])
MATCH path = (p:Place)-[:PART_OF*1..10]->(root)
WITH p, min(length(path)) AS depth
OPTIONAL MATCH (p)-[:PART_OF]->(parent:Place)
RETURN p.name AS place,
       p.level AS level,
       min(parent.name) AS parent,
       depth
ORDER BY depth, place, level, parent
