// name: admin/snapshot_nodes
// Every node with all its properties, in id order (to compare two stores or two loads).
// params: none
// returns: id, labels, properties
MATCH (n)
RETURN n.id AS id,
       labels(n) AS labels,
       properties(n) AS properties
ORDER BY id
