using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddIndicatorAggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AggregateDirtyMarks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AggregateDirtyMarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorAggregates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ParentCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorAggregates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RollupStates",
                columns: table => new
                {
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupStates", x => x.Period);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AggregateDirtyMarks_Period",
                table: "AggregateDirtyMarks",
                column: "Period");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorAggregates_ParentCode_Code_Period",
                table: "IndicatorAggregates",
                columns: new[] { "ParentCode", "Code", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorAggregates_Period_Source",
                table: "IndicatorAggregates",
                columns: new[] { "Period", "Source" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorAggregates_UnitId_Period_Code_Source",
                table: "IndicatorAggregates",
                columns: new[] { "UnitId", "Period", "Code", "Source" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AggregateDirtyMarks");

            migrationBuilder.DropTable(
                name: "IndicatorAggregates");

            migrationBuilder.DropTable(
                name: "RollupStates");
        }
    }
}
