-- The four databases Heard's services use (README "Ports and configuration").
CREATE DATABASE heard_case;
CREATE DATABASE heard_outcome;
CREATE DATABASE heard_keys;
CREATE DATABASE heard_gateway;
