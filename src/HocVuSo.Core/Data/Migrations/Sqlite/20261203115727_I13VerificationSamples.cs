using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class I13VerificationSamples : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VerificationSamples",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    Population = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DrawnByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DrawnAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerificationSamples_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VerificationItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SampleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerificationItems_VerificationSamples_SampleId",
                        column: x => x.SampleId,
                        principalTable: "VerificationSamples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationItems_SampleId_Position",
                table: "VerificationItems",
                columns: new[] { "SampleId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VerificationSamples_UnitId",
                table: "VerificationSamples",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_VerificationSamples_UnitPath_Period_Kind",
                table: "VerificationSamples",
                columns: new[] { "UnitPath", "Period", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VerificationItems");

            migrationBuilder.DropTable(
                name: "VerificationSamples");
        }
    }
}
