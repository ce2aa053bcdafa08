using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HocVuSo.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class I11PersonalDataAtRest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
