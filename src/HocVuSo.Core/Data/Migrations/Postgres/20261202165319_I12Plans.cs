using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class I12Plans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Targets");

            migrationBuilder.CreateTable(
                name: "Organisations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Grades = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    JoinCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Organisations_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Plans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    IssuingBody = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Signer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SignerTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ParentPlanId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SignedPdf = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Plans_Plans_ParentPlanId",
                        column: x => x.ParentPlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Plans_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationHeadcounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationHeadcounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationHeadcounts_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Role = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    JoinedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OrganisationMembers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanSections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanSections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanSections_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    SectionId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Form = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LeadOrganisationId = table.Column<int>(type: "integer", nullable: true),
                    Schedule = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ScheduleText = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanTasks_Organisations_LeadOrganisationId",
                        column: x => x.LeadOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PlanTasks_PlanSections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "PlanSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PlanTasks_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TaskId = table.Column<int>(type: "integer", nullable: false),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    IndicatorCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    UnitLevel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanTargets_Indicators_IndicatorCode",
                        column: x => x.IndicatorCode,
                        principalTable: "Indicators",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PlanTargets_PlanTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "PlanTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PlanTargets_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "PlanTaskCoordinators",
                columns: table => new
                {
                    TaskId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanTaskCoordinators", x => new { x.TaskId, x.OrganisationId });
                    table.ForeignKey(
                        name: "FK_PlanTaskCoordinators_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PlanTaskCoordinators_PlanTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "PlanTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaskUpdates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TaskId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    EvidenceUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EvidenceFileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EvidenceFile = table.Column<byte[]>(type: "bytea", nullable: true),
                    Completes = table.Column<bool>(type: "boolean", nullable: false),
                    ByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskUpdates_PlanTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "PlanTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationHeadcounts_OrganisationId_Year_Group_Level",
                table: "OrganisationHeadcounts",
                columns: new[] { "OrganisationId", "Year", "Group", "Level" },
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

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_JoinCode",
                table: "Organisations",
                column: "JoinCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_UnitId_Name",
                table: "Organisations",
                columns: new[] { "UnitId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_UnitPath",
                table: "Organisations",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_ParentPlanId",
                table: "Plans",
                column: "ParentPlanId");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_UnitId",
                table: "Plans",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_UnitPath_Year",
                table: "Plans",
                columns: new[] { "UnitPath", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanSections_PlanId",
                table: "PlanSections",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanTargets_IndicatorCode",
                table: "PlanTargets",
                column: "IndicatorCode");

            migrationBuilder.CreateIndex(
                name: "IX_PlanTargets_PlanId_IndicatorCode",
                table: "PlanTargets",
                columns: new[] { "PlanId", "IndicatorCode" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanTargets_TaskId",
                table: "PlanTargets",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanTaskCoordinators_OrganisationId",
                table: "PlanTaskCoordinators",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanTasks_LeadOrganisationId",
                table: "PlanTasks",
                column: "LeadOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanTasks_PlanId_Number",
                table: "PlanTasks",
                columns: new[] { "PlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanTasks_SectionId",
                table: "PlanTasks",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_TaskUpdates_TaskId_Date",
                table: "TaskUpdates",
                columns: new[] { "TaskId", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrganisationHeadcounts");

            migrationBuilder.DropTable(
                name: "OrganisationMembers");

            migrationBuilder.DropTable(
                name: "PlanTargets");

            migrationBuilder.DropTable(
                name: "PlanTaskCoordinators");

            migrationBuilder.DropTable(
                name: "TaskUpdates");

            migrationBuilder.DropTable(
                name: "PlanTasks");

            migrationBuilder.DropTable(
                name: "Organisations");

            migrationBuilder.DropTable(
                name: "PlanSections");

            migrationBuilder.DropTable(
                name: "Plans");

            migrationBuilder.CreateTable(
                name: "Targets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    IndicatorCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Plan = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Targets_Indicators_IndicatorCode",
                        column: x => x.IndicatorCode,
                        principalTable: "Indicators",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Targets_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Targets_IndicatorCode",
                table: "Targets",
                column: "IndicatorCode");

            migrationBuilder.CreateIndex(
                name: "IX_Targets_UnitId",
                table: "Targets",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Targets_UnitPath_IndicatorCode",
                table: "Targets",
                columns: new[] { "UnitPath", "IndicatorCode" });
        }
    }
}
