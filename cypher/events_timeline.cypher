// name: events_timeline
// What happened in a region, in date order: events located in it or attended by its places and organizations.
// params: region (str: name, alias or id of a Place)
// returns: date, event, located_in, participants
// example: {"region": "台州市"}
MATCH (root:Place)
WHERE $region IN [root.id, root.name] + coalesce(root.aliases, [])
MATCH (p:Place)-[:PART_OF*0..10]->(root)
WITH collect(DISTINCT p) AS places
MATCH (e:Event)
WHERE EXISTS { MATCH (e)-[:LOCATED_IN]->(q:Place) WHERE q IN places }
   OR EXISTS { MATCH (q:Place)-[:PARTICIPATED_IN]->(e) WHERE q IN places }
   OR EXISTS { MATCH (o:Organization)-[:PARTICIPATED_IN]->(e) MATCH (o)-[:LOCATED_IN]->(q:Place) WHERE q IN places }
RETURN e.date AS date,
       e.name AS event,
       COLLECT {
         MATCH (e)-[:LOCATED_IN]->(q:Place)
         WITH DISTINCT q.name AS name
         RETURN name
         ORDER BY name
       } AS located_in,
       COLLECT {
         MATCH (who)-[:PARTICIPATED_IN]->(e)
         WITH DISTINCT who.name AS name
         RETURN name
         ORDER BY name
       } AS participants
ORDER BY date, event
