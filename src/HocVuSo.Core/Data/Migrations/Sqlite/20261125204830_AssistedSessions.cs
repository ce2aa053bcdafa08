using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssistedSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssistedSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HelperUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    LearnerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssistedSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssistedSessions_AspNetUsers_HelperUserId",
                        column: x => x.HelperUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssistedSessions_AspNetUsers_LearnerUserId",
                        column: x => x.LearnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssistedSessions_HelperUserId_StartedAt",
                table: "AssistedSessions",
                columns: new[] { "HelperUserId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AssistedSessions_LearnerUserId",
                table: "AssistedSessions",
                column: "LearnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_AssistedSessions_UnitPath",
                table: "AssistedSessions",
                column: "UnitPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssistedSessions");
        }
    }
}
