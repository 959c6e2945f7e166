// name: graph_stats
// How big is the graph: nodes by label and relationships by type, in the ontology's order.
// params: none
// returns: kind, name, count
// example: {}
CALL () {
  MATCH (n)
  UNWIND labels(n) AS name
  RETURN 'node' AS kind, name, count(*) AS count
  UNION ALL
  MATCH ()-[r]->()
  RETURN 'relationship' AS kind, type(r) AS name, count(*) AS count
}
WITH kind, name, count,
     ['Article', 'Place', 'Organization', 'Person', 'Initiative', 'Document', 'Event', 'Outcome', 'Award',
      'PART_OF', 'IMPLEMENTS', 'ACHIEVED', 'RECEIVED', 'HOLDS_POSITION', 'PARTICIPATED_IN', 'ISSUED',
      'BASED_ON', 'PUBLISHED_IN', 'ORIGINATED_AT', 'PROMOTED', 'LOCATED_IN', 'MENTIONS'] AS ontology
RETURN kind, name, count
ORDER BY kind,
         coalesce(head([i IN range(0, size(ontology) - 1) WHERE ontology[i] = name]), size(ontology)),
         name
