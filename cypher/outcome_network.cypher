// name: outcome_network
// What does the place -> initiative -> outcome network of a region look like: the places inside it, what they implement and achieve, returned as nodes and relationships to draw.
// params: region (str: name, alias or id of a Place), limit (int = 300: rows; toInteger because Browser's :params sends numbers as floats)
// returns: place, did, target, achieved, outcome
// example: {"region": "台州"}
MATCH (root:Place)
WHERE $region IN [root.id, root.name] + coalesce(root.aliases, [])
MATCH (p:Place)-[:PART_OF*0..10]->(root)
WITH DISTINCT p
MATCH (p)-[did:IMPLEMENTS|ACHIEVED]->(target)
WHERE target:Initiative OR target:Outcome
OPTIONAL MATCH (target:Initiative)-[achieved:ACHIEVED]->(outcome:Outcome)
RETURN p AS place,
       did,
       target,
       achieved,
       outcome
ORDER BY p.name, type(did), target.name, did.article_id, outcome.name, achieved.article_id
LIMIT toInteger($limit)
