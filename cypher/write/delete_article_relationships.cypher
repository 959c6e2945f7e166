// name: write/delete_article_relationships
// Remove what these articles said before (their relationships of one type, run for every type of kg.model.REL_TYPES); returns the nodes they touched, which may now be orphans.
// params: article_ids (list: ids of the articles being replaced)
// returns: eids
UNWIND $article_ids AS article_id
MATCH (s)-[r:{{type}} {article_id: article_id}]->(e)
WITH r, elementId(s) AS s_eid, elementId(e) AS e_eid
DELETE r
WITH collect(s_eid) + collect(e_eid) AS touched
UNWIND touched AS eid
RETURN collect(DISTINCT eid) AS eids
