using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class I12PlanEditing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organisations_JoinCode",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_OrganisationMembers_OrganisationId",
                table: "OrganisationMembers");

            migrationBuilder.DropIndex(
                name: "IX_OrganisationMembers_UserId",
                table: "OrganisationMembers");

            migrationBuilder.DropColumn(
                name: "JoinCode",
                table: "Organisations");

            migrationBuilder.AddColumn<string>(
                name: "EvidenceContentType",
                table: "TaskUpdates",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OrganisationJoinCodes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    CodeHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    Group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Role = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Uses = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationJoinCodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationJoinCodes_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanSummaries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Results = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Shortcomings = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Causes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Lessons = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    NextYear = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Proposals = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Snapshot = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanSummaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanSummaries_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationMembers_OrganisationId_UserId",
                table: "OrganisationMembers",
                columns: new[] { "OrganisationId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationMembers_UserId",
                table: "OrganisationMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationJoinCodes_CodeHash",
                table: "OrganisationJoinCodes",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationJoinCodes_OrganisationId",
                table: "OrganisationJoinCodes",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanSummaries_PlanId",
                table: "PlanSummaries",
                column: "PlanId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrganisationJoinCodes");

            migrationBuilder.DropTable(
                name: "PlanSummaries");

            migrationBuilder.DropIndex(
                name: "IX_OrganisationMembers_OrganisationId_UserId",
                table: "OrganisationMembers");

            migrationBuilder.DropIndex(
                name: "IX_OrganisationMembers_UserId",
                table: "OrganisationMembers");

            migrationBuilder.DropColumn(
                name: "EvidenceContentType",
                table: "TaskUpdates");

            migrationBuilder.AddColumn<string>(
                name: "JoinCode",
                table: "Organisations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_JoinCode",
                table: "Organisations",
                column: "JoinCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationMembers_OrganisationId",
                table: "OrganisationMembers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationMembers_UserId",
                table: "OrganisationMembers",
                column: "UserId",
                unique: true);
        }
    }
}
