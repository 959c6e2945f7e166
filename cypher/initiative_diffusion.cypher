// name: initiative_diffusion
// Where has an initiative spread: the places that implement it, by administrative level and region, with when each was first reported.
// params: initiative (str: name, alias or id of an Initiative)
// returns: place, level, region, first_reported, articles
// example: {"initiative": "三化十二制"}
MATCH (i:Initiative)
WHERE $initiative IN [i.id, i.name] + coalesce(i.aliases, [])
MATCH (p:Place)-[r:IMPLEMENTS]->(i)
OPTIONAL MATCH (a:Article {id: r.article_id})
WITH p, min(a.published_at) AS first_reported, count(DISTINCT r.article_id) AS articles
OPTIONAL MATCH (p)-[:PART_OF]->(parent:Place)
WITH p, first_reported, articles, min(parent.name) AS region
RETURN p.name AS place,
       p.level AS level,
       region,
       first_reported,
       articles
ORDER BY CASE p.level
           WHEN 'province' THEN 0
           WHEN 'city' THEN 1
           WHEN 'county' THEN 2
           WHEN 'township' THEN 3
           WHEN 'village' THEN 4
           WHEN 'community' THEN 5
           WHEN 'landmark' THEN 6
           ELSE 7
         END,
         place,
         region,
         first_reported,
         articles
