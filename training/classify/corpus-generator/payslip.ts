import {
  address,
  company,
  type Gen,
  type Locale,
  locale,
  money,
  monthName,
  number,
  person,
} from "./common.ts";
import type { Draft } from "./invoice.ts";

function ukPayslip(g: Gen, loc: Locale): string {
  const gross = 1500 + g.random() * 9000;
  const tax = gross * (0.12 + g.random() * 0.2);
  const ni = gross * 0.08;
  const pension = gross * g.pick([0.03, 0.05, 0.08]);
  const month = g.int(1, 12);
  return `${company(g, loc)}\n${g.pick(["PAYSLIP", "Pay advice", "Payslip", "Statement of earnings"])}\n\nEmployee: ${person(g, loc)}   Employee no: ${g.digits(5)}\nNI number: ${g.letters(2)}${g.digits(6)}${g.letters(1)}   Tax code: ${g.pick(["1257L", "BR", "K475", "1257L M1", "S1257L", "0T"])}\nPay date: ${g.int(20, 28)} ${monthName(month)} ${g.int(2020, 2026)}   Period: M${month}\nDepartment: ${g.pick(["Finance", "Operations", "Sales", "IT", "Warehouse", "Customer service"])}\n\nPayments\nBasic salary ${number(loc, gross * 0.9)}\n${g.pick(["Overtime 1.5x", "Bonus", "Shift allowance", "Commission", "Holiday pay"])} ${number(loc, gross * 0.1)}\nGross pay ${number(loc, gross)}\n\nDeductions\nPAYE income tax ${number(loc, tax)}\nNational Insurance ${number(loc, ni)}\nPension (employee) ${number(loc, pension)}\n${g.maybe(0.3, `Student loan plan 2 ${number(loc, gross * 0.03)}\n`)}${g.maybe(0.2, `Cycle to work scheme ${number(loc, 41.67)}\n`)}Total deductions ${number(loc, tax + ni + pension)}\n\nNet pay ${loc.symbol}${number(loc, gross - tax - ni - pension)}\n\nYear to date: taxable pay ${number(loc, gross * month)}, tax ${number(loc, tax * month)}, NI ${number(loc, ni * month)}\n${g.maybe(0.5, `Employer pension contribution ${number(loc, gross * 0.03)}. Paid by BACS to account ending ${g.digits(4)}.`)}`;
}

function usStub(g: Gen, loc: Locale): string {
  const hours = g.pick([40, 80, 86.5, 72, 88]);
  const rate = 18 + g.random() * 70;
  const gross = hours * rate;
  return `${company(g, loc)}\n${address(g, loc)}\n\n${g.pick(["EARNINGS STATEMENT", "Pay stub", "Direct deposit advice", "Payroll check stub"])}\nEmployee: ${person(g, loc)}  ID ${g.digits(6)}\nSSN: XXX-XX-${g.digits(4)}\nPay period: ${g.pick(["biweekly", "semi-monthly", "weekly"])} ending ${g.int(1, 12)}/${g.int(1, 28)}/${g.int(2020, 2026)}   Check date ${g.int(1, 12)}/${g.int(1, 28)}/${g.int(2020, 2026)}\nFiling status: ${g.pick(["Single", "Married filing jointly", "Head of household"])}\n\nEarnings        Rate     Hours    This period    YTD\nRegular        ${number(loc, rate)}   ${hours}   ${number(loc, gross)}   ${number(loc, gross * g.int(2, 24))}\n${g.pick(["Overtime", "PTO", "Holiday", "Shift differential"])}   ${number(loc, rate * 1.5)}   ${g.int(1, 12)}   ${number(loc, rate * 6)}\n\nTaxes and deductions\nFederal income tax  ${number(loc, gross * 0.11)}\nSocial Security  ${number(loc, gross * 0.062)}\nMedicare  ${number(loc, gross * 0.0145)}\n${g.pick(["NY state tax", "CA SDI", "IL state income tax", "MA PFML", "no state income tax (TX)"])}  ${number(loc, gross * 0.04)}\n401(k) ${g.int(3, 10)}%  ${number(loc, gross * 0.05)}\nMedical pre-tax  ${number(loc, 40 + g.random() * 200)}\n${g.maybe(0.3, `Wage garnishment  ${number(loc, 100)}\n`)}\nNet pay  $${number(loc, gross * 0.7)}\nDeposited to checking ****${g.digits(4)}\n${g.maybe(0.4, `PTO balance: ${g.int(0, 120)} hrs`)}`;
}

function germanStyle(g: Gen, loc: Locale): string {
  const gross = 2800 + g.random() * 7000;
  return `${g.pick(["Entgeltabrechnung", "Verdienstabrechnung", "Lohnabrechnung"])} für ${monthName(g.int(1, 12))} ${g.int(2020, 2026)} (salary statement)\n${company(g, loc)}\n\nPersonalnummer ${g.digits(5)}  ${person(g, loc)}\nSteuerklasse ${g.pick(["I", "III", "IV", "V"])}  Kinderfreibetrag ${g.pick(["0", "0,5", "1,0"])}  Konfession ${g.pick(["--", "rk", "ev"])}\nSV-Nummer ${g.digits(2)} ${g.digits(6)} ${g.letters(1)} ${g.digits(3)}\n\nBezüge / earnings\nGehalt ${number(loc, gross)}\n${g.pick(["Vermögenswirksame Leistungen", "Urlaubsgeld", "Fahrtkostenzuschuss", "Überstunden"])} ${number(loc, 40 + g.random() * 400)}\nGesamtbrutto ${number(loc, gross + 200)}\n\nAbzüge / deductions\nLohnsteuer ${number(loc, gross * 0.16)}\nSolidaritätszuschlag ${number(loc, 0)}\n${g.maybe(0.5, `Kirchensteuer ${number(loc, gross * 0.012)}\n`)}Krankenversicherung ${number(loc, gross * 0.081)}\nRentenversicherung ${number(loc, gross * 0.093)}\nArbeitslosenversicherung ${number(loc, gross * 0.013)}\nPflegeversicherung ${number(loc, gross * 0.017)}\n\nNettoverdienst ${number(loc, gross * 0.62)}\nAuszahlungsbetrag ${number(loc, gross * 0.62)} EUR\nÜberweisung auf ${`DE${g.digits(2)}`} **** ${g.digits(4)}`;
}

function indiaSlip(g: Gen, loc: Locale): string {
  const basic = 25000 + g.random() * 150000;
  return `${company(g, loc)}\nSalary slip for the month of ${monthName(g.int(1, 12))} ${g.int(2020, 2026)}\n\nEmployee name: ${person(g, loc)}   Emp code: ${g.letters(2)}${g.digits(4)}\nDesignation: ${g.pick(["Software Engineer", "Relationship Manager", "Analyst", "Branch Manager", "Associate"])}   PAN: ${g.letters(5)}${g.digits(4)}${g.letters(1)}\nUAN: ${g.digits(12)}   Bank a/c: XXXX${g.digits(4)}\nDays paid: ${g.int(26, 31)}   LOP days: ${g.int(0, 2)}\n\nEarnings: Basic ${number(loc, basic)} | HRA ${number(loc, basic * 0.4)} | Special allowance ${number(loc, basic * 0.3)} | Conveyance ${number(loc, 1600)}\nDeductions: Provident fund ${number(loc, basic * 0.12)} | Professional tax ${number(loc, 200)} | TDS ${number(loc, basic * 0.1)}${g.maybe(0.4, ` | Salary advance recovery ${number(loc, 5000)}`)}\n\nGross earnings ₹${number(loc, basic * 1.7)}\nTotal deductions ₹${number(loc, basic * 0.22)}\nNet salary ₹${number(loc, basic * 1.48)}\n(Rupees ${g.pick(["one lakh twelve thousand", "eighty-four thousand three hundred", "two lakh six thousand"])} only)\n\nThis is a computer-generated payslip and does not require a signature.`;
}

function simple(g: Gen, loc: Locale): string {
  const month = monthName(g.int(1, 12));
  return g.pick([
    () =>
      `Hi ${person(g, loc).split(" ")[0]}, your ${month} payslip is ready. Gross pay ${money(g, loc, 1500, 12000)}, total tax and contributions ${money(g, loc, 300, 4000)}, net pay ${money(g, loc, 1000, 9000)} will reach your account on the ${g.pick(["25th", "last working day", "28th"])}. ${g.pick(["Your tax code has changed this month.", "This month includes your annual bonus.", "Pension auto-enrolment started this period.", ""])}`,
    () =>
      `PAY STATEMENT – ${month}\n${person(g, loc)}, ${g.pick(["hourly", "part-time", "casual"])} staff\nHours worked ${g.int(20, 170)} @ ${money(g, loc, 11, 40)}\nGross wages ${money(g, loc, 400, 5000)}\nTax withheld (PAYG) ${money(g, loc, 20, 900)}\nSuperannuation guarantee 11.5% ${money(g, loc, 40, 600)} paid to ${g.pick(["AustralianSuper", "REST", "Hostplus", "the nominated fund"])}\nNet pay ${money(g, loc, 380, 4200)}\nLeave accrued ${g.int(1, 12)} hrs`,
    () =>
      `Remuneration statement\nPeriod: ${month} ${g.int(2020, 2026)}\nName: ${person(g, loc)}\nEmployer: ${company(g, loc)}\nFixed salary ${money(g, loc, 3000, 15000)}; variable pay ${money(g, loc, 0, 5000)}; employee social security ${money(g, loc, 200, 1500)}; withholding tax ${money(g, loc, 100, 3000)}; pension fund (BVG/2nd pillar) ${money(g, loc, 100, 900)}.\nNet salary transferred ${money(g, loc, 2500, 12000)}.`,
  ])();
}

function payslip(g: Gen): Draft {
  const loc = locale(g);
  const text =
    loc.country === "United Kingdom"
      ? ukPayslip(g, loc)
      : loc.country === "United States"
        ? usStub(g, loc)
        : loc.country === "Germany"
          ? germanStyle(g, loc)
          : loc.country === "India"
            ? indiaSlip(g, loc)
            : g.chance(0.5)
              ? simple(g, loc)
              : g.pick([ukPayslip, usStub, indiaSlip])(g, { ...loc });
  return { text: g.chance(0.35) ? `${text}\n\n${notes(g)}` : text, subject: "Payslip" };
}

// The explanatory notes printed on the back of many payslips, which make a page of them.
function notes(g: Gen): string {
  const items = g.some(
    [
      "Your tax code tells your employer how much tax-free pay you are entitled to in the tax year. If it ends in M1 or W1, tax is being calculated on a non-cumulative basis.",
      "Gross pay is your pay before any deductions. Net pay is the amount paid into your bank account after tax, social security contributions and other deductions.",
      "Pension contributions are deducted before tax under the net pay arrangement, so you receive tax relief at your highest rate automatically.",
      "Year-to-date figures show the totals since the start of the tax year and should match the annual certificate of pay and tax deducted you receive after the year end.",
      "Holiday entitlement shown is in hours and includes any days carried over from last year with your manager's approval.",
      "If you think your pay is wrong, contact the payroll team within 10 working days of the pay date quoting your employee number; corrections are made in the next pay run.",
      "Overtime is paid one month in arrears on the basis of approved time sheets.",
      "Salary sacrifice deductions reduce your gross pay for tax and social security purposes.",
      "Keep your payslips: lenders and landlords often ask for the last three as proof of income.",
    ],
    4,
    7,
  );
  return `${g.pick(["Notes", "Understanding your payslip", "Explanatory notes"])}\n${items.map((n) => `- ${n}`).join("\n")}`;
}

export const payslipBuilders = [
  payslip,
  payslip,
  payslip,
  (g: Gen): Draft => ({ text: simple(g, locale(g)), subject: "Your payslip" }),
];
