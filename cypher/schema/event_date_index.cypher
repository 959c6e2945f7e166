// name: schema/event_date_index
// Order events on a timeline: a range index on Event.date.
// params: none
// returns: nothing
CREATE INDEX event_date IF NOT EXISTS
FOR (e:Event)
ON (e.date)
