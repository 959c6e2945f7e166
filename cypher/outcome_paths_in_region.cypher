// name: outcome_paths_in_region
// What did the initiatives of a region achieve: the place -> initiative -> outcome paths inside it.
// params: region (str: name, alias or id of a Place)
// returns: place, initiative, outcome, metric, value, unit
// example: {"region": "黄岩区"}
MATCH (root:Place)
WHERE $region IN [root.id, root.name] + coalesce(root.aliases, [])
MATCH (p:Place)-[:PART_OF*0..10]->(root)
WITH DISTINCT p
MATCH (p)-[:IMPLEMENTS]->(i:Initiative)-[:ACHIEVED]->(o:Outcome)
RETURN DISTINCT p.name AS place,
       i.name AS initiative,
       o.name AS outcome,
       o.metric AS metric,
       o.value AS value,
       o.unit AS unit
ORDER BY place, initiative, outcome, metric, value, unit
