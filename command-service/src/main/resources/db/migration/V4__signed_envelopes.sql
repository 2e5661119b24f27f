-- Envelopes on the events topic are signed from this version on, and consumers accept only signed ones. Envelopes published before are
-- unsigned: publish every stored event again, signed, by moving the publisher's position back before the first event (it publishes
-- from there at the next start). Consumers drop the copies they already have by event id; a consumer that had not read an unsigned
-- envelope yet dead-letters it and takes the signed copy that follows it in the same partition.
-- The position is written as a plain GapAwareTrackingToken, as Axon's Jackson 3 serializer writes it: deleting the row instead would
-- make Axon start the processor with a ReplayToken, which that serializer cannot read back (the processor would stop).
UPDATE tokenentry
SET token     = convert_to('{"index":' || (SELECT coalesce(min(globalindex), 1) - 1 FROM domainevententry) || ',"gaps":[]}', 'UTF8'),
    tokentype = 'org.axonframework.eventhandling.GapAwareTrackingToken'
WHERE processorname = 'kafka-publisher';
