using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddVneidSandbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VneidSubject",
                table: "PersonIdentities",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VneidVerifiedAt",
                table: "PersonIdentities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimToken",
                table: "OutboxMessages",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LockedUntil",
                table: "OutboxMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "VneidSandboxConfirmations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AcknowledgementId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReceivedCount = table.Column<int>(type: "integer", nullable: false),
                    FirstReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PersonalIdHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PersonalIdMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FullName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CertificateSerial = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CertifiedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RuleVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PayloadHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VneidSandboxConfirmations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonIdentities_VneidSubject",
                table: "PersonIdentities",
                column: "VneidSubject",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VneidSandboxConfirmations_IdempotencyKey",
                table: "VneidSandboxConfirmations",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VneidSandboxConfirmations_PersonalIdHash",
                table: "VneidSandboxConfirmations",
                column: "PersonalIdHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VneidSandboxConfirmations");

            migrationBuilder.DropIndex(
                name: "IX_PersonIdentities_VneidSubject",
                table: "PersonIdentities");

            migrationBuilder.DropColumn(
                name: "VneidSubject",
                table: "PersonIdentities");

            migrationBuilder.DropColumn(
                name: "VneidVerifiedAt",
                table: "PersonIdentities");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "OutboxMessages");
        }
    }
}
