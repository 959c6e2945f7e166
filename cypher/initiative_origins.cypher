// name: initiative_origins
// Where did an initiative begin, who promoted it, and which initiatives is it part of?
// params: initiative (str: name, alias or id of an Initiative)
// returns: relation, name, label, articles
// example: {"initiative": "三融三创"}
MATCH (i:Initiative)
WHERE $initiative IN [i.id, i.name] + coalesce(i.aliases, [])
CALL (i) {
  MATCH (i)-[r:ORIGINATED_AT]->(x)
  RETURN 'originated_at' AS relation, x, r
  UNION ALL
  MATCH (x)-[r:PROMOTED]->(i)
  RETURN 'promoted_by' AS relation, x, r
  UNION ALL
  MATCH (i)-[r:PART_OF]->(x:Initiative)
  RETURN 'part_of' AS relation, x, r
}
RETURN relation,
       x.name AS name,
       head(labels(x)) AS label,
       count(DISTINCT r.article_id) AS articles
ORDER BY relation, name, label
