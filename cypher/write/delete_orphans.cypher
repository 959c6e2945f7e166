// name: write/delete_orphans
// Remove the candidate nodes that no article mentions any more (never Article nodes), with their relationships.
// params: eids (list: element ids of the candidates)
// returns: removed
UNWIND $eids AS eid
MATCH (n)
WHERE elementId(n) = eid
  AND NOT n:Article
  AND NOT EXISTS { (:Article)-[:MENTIONS]->(n) }
DETACH DELETE n
RETURN count(*) AS removed
