// name: documents_based_on
// Which documents is an initiative, place or organization based on, and who issued them?
// params: entity (str: name, alias or id of an Initiative, Place or Organization)
// returns: entity, document, kind, issuers, articles
// example: {"entity": "三化十二制"}
MATCH (x:Initiative|Place|Organization)
WHERE $entity IN [x.id, x.name] + coalesce(x.aliases, [])
MATCH (x)-[r:BASED_ON]->(d:Document)
WITH x, d, count(DISTINCT r.article_id) AS articles
RETURN x.name AS entity,
       d.name AS document,
       d.kind AS kind,
       COLLECT {
         MATCH (issuer)-[:ISSUED]->(d)
         WITH DISTINCT issuer.name AS name
         RETURN name
         ORDER BY name
       } AS issuers,
       articles
ORDER BY entity, document, kind, articles
