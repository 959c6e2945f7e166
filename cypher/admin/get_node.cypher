// name: admin/get_node
// Which node of one label has this id, and what does it hold? (run for the label its id names; kg build asks it for Article nodes to skip unchanged articles)
// params: id (str: the node id)
// returns: id, properties
MATCH (n:{{label}} {id: $id})
RETURN n.id AS id,
       properties(n) AS properties
