// name: awards_in_region
// Which honours went to a region: awards received by its places, by organizations located there and by people holding positions there.
// params: region (str: name, alias or id of a Place)
// returns: award, level, winner, winner_label, articles
// example: {"region": "台州"}
MATCH (root:Place)
WHERE $region IN [root.id, root.name] + coalesce(root.aliases, [])
MATCH (p:Place)-[:PART_OF*0..10]->(root)
WITH collect(DISTINCT p) AS places
MATCH (winner)-[r:RECEIVED]->(a:Award)
WHERE winner IN places
   OR EXISTS { MATCH (winner)-[:LOCATED_IN|HOLDS_POSITION]->(q:Place) WHERE q IN places }
RETURN a.name AS award,
       a.level AS level,
       winner.name AS winner,
       head(labels(winner)) AS winner_label,
       count(DISTINCT r.article_id) AS articles
ORDER BY award, winner, level, winner_label
