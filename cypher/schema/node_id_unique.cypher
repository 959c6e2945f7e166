// name: schema/node_id_unique
// One node per id: a uniqueness constraint (and its index) on `id`, run for every label of kg.model.LABELS.
// params: none
// returns: nothing
CREATE CONSTRAINT {{label}}_id_unique IF NOT EXISTS
FOR (n:{{label}})
REQUIRE n.id IS UNIQUE
