/* The record's migrations, embedded at build time by schema/embed.sh. */
#ifndef SCHEMA_H
#define SCHEMA_H

struct migration {
	int		 version;	/* PRAGMA user_version after it */
	const char	*name;		/* "0001-init.sql" */
	const char	*sql;
};

/* In version order, ending with a zeroed entry. */
extern const struct migration schema_migrations[];

#endif
