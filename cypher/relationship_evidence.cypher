// name: relationship_evidence
// What is the evidence for a relationship between two entities: the sentence, its article, date and outlet (either direction).
// params: source (str: name, alias or id of one entity), target (str: name, alias or id of the other), type (str = null: only this relationship type)
// returns: type, start, end, evidence, article, published_at, outlet, confidence, extractor
// example: {"source": "大溪镇", "target": "三化十二制"}
MATCH (a)
WHERE NOT a:Article
  AND $source IN [a.id, a.name] + coalesce(a.aliases, [])
MATCH (a)-[r]-(b)
WHERE NOT b:Article
  AND $target IN [b.id, b.name] + coalesce(b.aliases, [])
  AND ($type IS NULL OR type(r) = $type)
OPTIONAL MATCH (art:Article {id: r.article_id})
RETURN type(r) AS type,
       startNode(r).name AS start,
       endNode(r).name AS end,
       r.evidence AS evidence,
       art.title AS article,
       art.published_at AS published_at,
       art.source AS outlet,
       r.confidence AS confidence,
       r.extractor AS extractor
ORDER BY type, start, end, published_at, article, evidence, confidence, extractor
