// name: initiative_outcomes
// What did an initiative achieve, and which sentence of which article says so?
// params: initiative (str: name, alias or id of an Initiative)
// returns: outcome, value, unit, evidence, article, published_at, source
// example: {"initiative": "第一书记"}
MATCH (i:Initiative)
WHERE $initiative IN [i.id, i.name] + coalesce(i.aliases, [])
MATCH (i)-[r:ACHIEVED]->(o:Outcome)
OPTIONAL MATCH (a:Article {id: r.article_id})
RETURN o.name AS outcome,
       o.value AS value,
       o.unit AS unit,
       r.evidence AS evidence,
       a.title AS article,
       a.published_at AS published_at,
       a.source AS source
ORDER BY outcome, published_at, article, evidence, value, unit, source
