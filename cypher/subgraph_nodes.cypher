// name: subgraph_nodes
// Which entities of the given labels does the graph hold, with every property: what kg.analysis reads to build its tables and networks.
// params: labels (list = ["Place", "Organization", "Person", "Initiative", "Document", "Event", "Outcome", "Award"]: node labels)
// returns: id, label, name, properties
// example: {"labels": ["Place", "Initiative"]}
MATCH (n)
WHERE any(label IN labels(n) WHERE label IN $labels)
RETURN n.id AS id,
       head([label IN labels(n) WHERE label IN $labels]) AS label,
       n.name AS name,
       properties(n) AS properties
ORDER BY id
