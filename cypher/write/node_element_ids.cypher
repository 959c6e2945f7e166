// name: write/node_element_ids
// Find stored nodes of one label by id (relationship endpoints that a batch names but does not carry).
// params: ids (list: node ids)
// returns: id, eid
UNWIND $ids AS id
MATCH (n:{{label}} {id: id})
RETURN n.id AS id, elementId(n) AS eid
