using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExternalConfirmations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeskServices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeskServices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExternalConfirmations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IdNumberHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SkillsConfirmedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ConfirmedFromUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Course = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExternalConfirmations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExternalConfirmations_Units_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeskVisits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    ServiceId = table.Column<int>(type: "integer", nullable: false),
                    SelfDone = table.Column<bool>(type: "boolean", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    AgeBand = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Gender = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LearnerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeskVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeskVisits_AspNetUsers_LearnerUserId",
                        column: x => x.LearnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_DeskVisits_DeskServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "DeskServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DeskVisits_Units_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeskServices_Name",
                table: "DeskServices",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeskVisits_CommuneId",
                table: "DeskVisits",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_DeskVisits_LearnerUserId",
                table: "DeskVisits",
                column: "LearnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_DeskVisits_ServiceId",
                table: "DeskVisits",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_DeskVisits_UnitPath_Date",
                table: "DeskVisits",
                columns: new[] { "UnitPath", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ExternalConfirmations_CommuneId",
                table: "ExternalConfirmations",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalConfirmations_IdNumberHash",
                table: "ExternalConfirmations",
                column: "IdNumberHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExternalConfirmations_UnitPath",
                table: "ExternalConfirmations",
                column: "UnitPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeskVisits");

            migrationBuilder.DropTable(
                name: "ExternalConfirmations");

            migrationBuilder.DropTable(
                name: "DeskServices");
        }
    }
}
