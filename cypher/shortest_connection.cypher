// name: shortest_connection
// How are two entities connected: the shortest chain of relationships between them (at most 8 hops, not through articles).
// params: source (str: name, alias or id of one entity), target (str: name, alias or id of the other)
// returns: hops, names, labels, types
// example: {"source": "陈森", "target": "金竹岭脚村"}
MATCH (a)
WHERE NOT a:Article
  AND $source IN [a.id, a.name] + coalesce(a.aliases, [])
MATCH (b)
WHERE NOT b:Article
  AND $target IN [b.id, b.name] + coalesce(b.aliases, [])
  AND a <> b
MATCH path = shortestPath((a)-[*..8]-(b))
WHERE none(r IN relationships(path) WHERE type(r) = 'MENTIONS')
RETURN length(path) AS hops,
       [n IN nodes(path) | n.name] AS names,
       [n IN nodes(path) | head(labels(n))] AS labels,
       [r IN relationships(path) | type(r)] AS types
ORDER BY hops, names
LIMIT 1
