-- Participant input over plain HTTP (the web door's -W listener), which
-- is not encrypted: off until the facilitator says `input http on', as
-- for Gopher.  Over HTTPS (-w) input follows input_open alone.
ALTER TABLE workshop ADD COLUMN http_input INTEGER NOT NULL DEFAULT 0
    CHECK (http_input IN (0, 1));
