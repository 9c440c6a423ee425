-- Stand-in for pgcrypto on the throwaway server, whose PostgreSQL build lacks it. Enough for migrations that
-- create the extension and call its functions in DDL (gen_random_uuid is built in since PostgreSQL 13).
-- Not cryptographic: a replayed schema only needs the functions to exist.
CREATE FUNCTION gen_random_bytes(count integer) RETURNS bytea LANGUAGE sql VOLATILE AS $$
    SELECT coalesce(string_agg(set_byte('\x00'::bytea, 0, floor(random() * 256)::integer), ''::bytea), ''::bytea)
    FROM generate_series(1, count)
$$;
CREATE FUNCTION digest(data text, algorithm text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE lower(algorithm) WHEN 'sha256' THEN sha256(convert_to(data, 'UTF8')) WHEN 'sha512' THEN sha512(convert_to(data, 'UTF8'))
                                 WHEN 'sha224' THEN sha224(convert_to(data, 'UTF8')) WHEN 'sha384' THEN sha384(convert_to(data, 'UTF8'))
                                 ELSE decode(md5(data), 'hex') END
$$;
CREATE FUNCTION digest(data bytea, algorithm text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE lower(algorithm) WHEN 'sha256' THEN sha256(data) WHEN 'sha512' THEN sha512(data)
                                 WHEN 'sha224' THEN sha224(data) WHEN 'sha384' THEN sha384(data)
                                 ELSE decode(md5(data), 'hex') END
$$;
