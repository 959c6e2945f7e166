// name: people_in_place
// Who holds which position in a place: at the place, the places inside it, or the organizations located there.
// params: place (str: name, alias or id of a Place)
// returns: person, title, at, articles
// example: {"place": "台州市"}
MATCH (root:Place)
WHERE $place IN [root.id, root.name] + coalesce(root.aliases, [])
MATCH (p:Place)-[:PART_OF*0..10]->(root)
WITH collect(DISTINCT p) AS places
MATCH (person:Person)-[h:HOLDS_POSITION]->(x)
WHERE x IN places
   OR (x:Organization AND EXISTS { MATCH (x)-[:LOCATED_IN]->(q:Place) WHERE q IN places })
RETURN person.name AS person,
       coalesce(h.title, '') AS title,
       x.name AS at,
       count(DISTINCT h.article_id) AS articles
ORDER BY person, title, at
