// name: articles_mentioning
// Which articles mention an entity, newest first, and how often?
// params: entity (str: name, alias or id of any entity)
// returns: article_id, title, published_at, source, url, mentions
// example: {"entity": "市委组织部"}
MATCH (x)
WHERE NOT x:Article
  AND $entity IN [x.id, x.name] + coalesce(x.aliases, [])
MATCH (a:Article)-[m:MENTIONS]->(x)
RETURN a.id AS article_id,
       a.title AS title,
       a.published_at AS published_at,
       a.source AS source,
       a.url AS url,
       sum(size(coalesce(m.starts, []))) AS mentions
ORDER BY published_at DESC, title, article_id
