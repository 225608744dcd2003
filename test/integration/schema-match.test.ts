import { readFileSync } from "node:fs";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import type { Connection } from "mariadb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../database";

// The migrations are written by hand (Prisma's schema engine cannot be
// downloaded here), so this test is what keeps them honest: the database they
// produce must hold exactly what schema.prisma describes.

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isRequired: boolean;
  isId: boolean;
  hasDefaultValue: boolean;
  default?: { name?: string } | unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type Dmmf = {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; values: { name: string }[] }[];
    indexes: { model: string; type: "id" | "unique" | "normal"; fields: { name: string }[] }[];
  };
};

const dmmf: Dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: readFileSync("prisma/schema.prisma", "utf8") })));
const models = dmmf.datamodel.models;
const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (field: DmmfField) => field.dbName ?? field.name;

/** The MySQL column type a Prisma field must have. */
function expectedColumnType(field: DmmfField): string {
  if (field.kind === "enum") {
    const values = dmmf.datamodel.enums.find((candidate) => candidate.name === field.type)!.values;
    return `enum(${values.map((value) => `'${value.name}'`).join(",")})`;
  }
  const [native, args] = field.nativeType ?? [];
  if (native) return `${native.toLowerCase()}${args?.length ? `(${args.join(",")})` : ""}`;
  const defaults: Record<string, string> = { Int: "int", String: "varchar(191)", DateTime: "datetime(3)", Boolean: "tinyint(1)", BigInt: "bigint", Float: "double" };
  return defaults[field.type];
}

/** MariaDB shows int display widths (int(11)); they carry no meaning, so they are dropped before comparing. */
const withoutDisplayWidth = (columnType: string) => columnType.replace(/^(int|bigint|smallint|mediumint)\(\d+\)/, "$1");

/** information_schema.COLUMNS.COLUMN_DEFAULT as MariaDB reports the schema's @default. */
function expectedDefault(field: DmmfField): string | null {
  if (!field.hasDefaultValue) return field.isRequired ? null : "NULL";
  const value = field.default;
  if (typeof value === "object" && value && "name" in value) {
    if (value.name === "autoincrement") return null;
    if (value.name === "now") return "current_timestamp(3)";
    throw new Error(`No rule for @default(${String(value.name)}()) on ${field.name}`);
  }
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") return String(value);
  return `'${String(value)}'`;
}

type ColumnRow = { TABLE_NAME: string; COLUMN_NAME: string; COLUMN_TYPE: string; IS_NULLABLE: string; COLUMN_DEFAULT: string | null; EXTRA: string };

describe("the migrated database matches schema.prisma", () => {
  let connection: Connection;
  let columns: ColumnRow[];
  beforeAll(async () => {
    connection = await connect(process.env.DATABASE_URL!);
    columns = await connection.query(
      "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()",
    );
  });
  afterAll(() => connection?.end());

  it("has a table for every model and no other table but Prisma's bookkeeping", async () => {
    const tables: { TABLE_NAME: string }[] = await connection.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
    expect(tables.map((row) => row.TABLE_NAME).sort()).toEqual([...models.map(tableOf), "_prisma_migrations"].sort());
  });

  it.each(models.map((model) => [model.name, model] as const))("%s: every field has a compatible column, and no column is extra", (_name, model) => {
    const scalarFields = model.fields.filter((field) => field.kind !== "object");
    const tableColumns = columns.filter((column) => column.TABLE_NAME === tableOf(model));
    expect(tableColumns.map((column) => column.COLUMN_NAME).sort()).toEqual(scalarFields.map(columnOf).sort());
    for (const field of scalarFields) {
      const column = tableColumns.find((candidate) => candidate.COLUMN_NAME === columnOf(field))!;
      const where = `${tableOf(model)}.${column.COLUMN_NAME}`;
      expect(withoutDisplayWidth(column.COLUMN_TYPE), where).toBe(expectedColumnType(field));
      expect(column.IS_NULLABLE, where).toBe(field.isRequired ? "NO" : "YES");
      const isAutoIncrement = (field.default as { name?: string } | undefined)?.name === "autoincrement";
      expect(column.EXTRA.includes("auto_increment"), where).toBe(isAutoIncrement);
      expect(column.COLUMN_DEFAULT, `${where} default`).toBe(expectedDefault(field));
    }
  });

  it("has exactly the schema's primary keys, unique and normal indexes", async () => {
    const rows: { TABLE_NAME: string; INDEX_NAME: string; NON_UNIQUE: number; COLUMN_NAME: string; SEQ_IN_INDEX: number }[] = await connection.query(
      "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SEQ_IN_INDEX FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> '_prisma_migrations' ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
    );
    const grouped = new Map<string, { table: string; kind: string; columns: string[] }>();
    for (const row of rows) {
      const key = `${row.TABLE_NAME}.${row.INDEX_NAME}`;
      const kind = row.INDEX_NAME === "PRIMARY" ? "id" : Number(row.NON_UNIQUE) ? "normal" : "unique";
      const entry = grouped.get(key) ?? { table: row.TABLE_NAME, kind, columns: [] };
      entry.columns.push(row.COLUMN_NAME);
      grouped.set(key, entry);
    }
    // MySQL adds an index for each foreign key that has none; the schema declares them all, so none is implicit.
    const actual = [...grouped.values()].map((index) => `${index.table} ${index.kind} (${index.columns.join(",")})`).sort();
    const expected = dmmf.datamodel.indexes
      .map((index) => {
        const model = models.find((candidate) => candidate.name === index.model)!;
        const fieldColumns = index.fields.map((indexField) => columnOf(model.fields.find((field) => field.name === indexField.name)!));
        return `${tableOf(model)} ${index.type} (${fieldColumns.join(",")})`;
      })
      .sort();
    expect(actual).toEqual(expected);
  });

  it("has the schema's foreign keys with their delete rules", async () => {
    const rows: { TABLE_NAME: string; COLUMN_NAME: string; REFERENCED_TABLE_NAME: string; REFERENCED_COLUMN_NAME: string; DELETE_RULE: string }[] = await connection.query(
      `SELECT k.TABLE_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE
         FROM information_schema.KEY_COLUMN_USAGE k
         JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
        WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL`,
    );
    const actual = rows.map((row) => `${row.TABLE_NAME}.${row.COLUMN_NAME} -> ${row.REFERENCED_TABLE_NAME}.${row.REFERENCED_COLUMN_NAME} ON DELETE ${row.DELETE_RULE}`).sort();
    const expected = models
      .flatMap((model) =>
        model.fields
          .filter((field) => field.relationFromFields?.length)
          .map((field) => {
            const target = models.find((candidate) => candidate.name === field.type)!;
            const from = columnOf(model.fields.find((candidate) => candidate.name === field.relationFromFields![0])!);
            const to = columnOf(target.fields.find((candidate) => candidate.name === field.relationToFields![0])!);
            const rule = (field.relationOnDelete ?? "Restrict").replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();
            return `${tableOf(model)}.${from} -> ${tableOf(target)}.${to} ON DELETE ${rule}`;
          }),
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  it("stores text as utf8mb4, so emoji round-trip", async () => {
    const tables: { TABLE_NAME: string; TABLE_COLLATION: string }[] = await connection.query(
      "SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> '_prisma_migrations'",
    );
    for (const table of tables) expect(table.TABLE_COLLATION, table.TABLE_NAME).toBe("utf8mb4_unicode_ci");
    const textColumns: { COLUMN_NAME: string; COLLATION_NAME: string }[] = await connection.query(
      "SELECT COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> '_prisma_migrations' AND COLLATION_NAME IS NOT NULL",
    );
    for (const column of textColumns) expect(column.COLLATION_NAME, column.COLUMN_NAME).toBe("utf8mb4_unicode_ci");
  });
});
