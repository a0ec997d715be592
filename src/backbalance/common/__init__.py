"""The shared kit every feature builds on: reading data files, the one definition of each
shared type and provenance rule, the colours, and the HTML templates."""
