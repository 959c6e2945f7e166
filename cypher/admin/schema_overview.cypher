// name: admin/schema_overview
// Which indexes and constraints exist, on what, and are they online?
// params: none
// returns: name, type, entity, labels_or_types, properties, state, owning_constraint
SHOW INDEXES
YIELD name, type, entityType, labelsOrTypes, properties, state, owningConstraint
RETURN name,
       type,
       entityType AS entity,
       labelsOrTypes AS labels_or_types,
       properties,
       state,
       owningConstraint AS owning_constraint
ORDER BY name
