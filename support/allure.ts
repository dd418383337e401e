// Installs the Allure test runtime so that allure-js-commons calls (labels, attachments) reach the report.
import 'allure-cucumberjs';
