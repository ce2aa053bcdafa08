using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommunityTeams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommunityTeams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityTeams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommunityTeams_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FieldActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Participants = table.Column<int>(type: "INTEGER", nullable: false),
                    HelpedByTopic = table.Column<string>(type: "TEXT", nullable: false),
                    LearnerUserIds = table.Column<string>(type: "TEXT", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FieldActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FieldActivities_AspNetUsers_RecordedByUserId",
                        column: x => x.RecordedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FieldActivities_CommunityTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "CommunityTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_FieldActivities_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TeamMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ActiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamMembers_CommunityTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "CommunityTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommunityTeams_UnitId",
                table: "CommunityTeams",
                column: "UnitId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommunityTeams_UnitPath",
                table: "CommunityTeams",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_FieldActivities_RecordedByUserId_ClientId",
                table: "FieldActivities",
                columns: new[] { "RecordedByUserId", "ClientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FieldActivities_TeamId",
                table: "FieldActivities",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_FieldActivities_UnitId",
                table: "FieldActivities",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_FieldActivities_UnitPath_Date",
                table: "FieldActivities",
                columns: new[] { "UnitPath", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_TeamId",
                table: "TeamMembers",
                column: "TeamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FieldActivities");

            migrationBuilder.DropTable(
                name: "TeamMembers");

            migrationBuilder.DropTable(
                name: "CommunityTeams");
        }
    }
}
