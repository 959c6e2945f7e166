// name: schema/entity_fulltext
// Search entities by any of their names: a full-text index over name and aliases with the CJK (bigram) analyzer.
// params: none
// returns: nothing
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Place|Organization|Person|Initiative|Document|Event|Outcome|Award)
ON EACH [n.name, n.aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false}}
